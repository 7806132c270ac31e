import FormworkFacts
import Testing

@Suite struct ResourcePoliciesTests {
    @Test func durationsAreHoursMinutesAndSecondsInOrder() {
        #expect(ResourcePolicies.seconds(ofDuration: "PT15M") == 900)
        #expect(ResourcePolicies.seconds(ofDuration: "PT1H30M") == 5400)
        #expect(ResourcePolicies.seconds(ofDuration: "PT1H2M3S") == 3723)
        #expect(ResourcePolicies.seconds(ofDuration: "PT0S") == 0)
        #expect(ResourcePolicies.seconds(ofDuration: "PT") == nil)
        #expect(ResourcePolicies.seconds(ofDuration: "PT5") == nil)
        #expect(ResourcePolicies.seconds(ofDuration: "PT5M1H") == nil)
        #expect(ResourcePolicies.seconds(ofDuration: "PT5M5M") == nil)
        #expect(ResourcePolicies.seconds(ofDuration: "15M") == nil)
        #expect(ResourcePolicies.seconds(ofDuration: "P1D") == nil)
        #expect(ResourcePolicies.seconds(ofDuration: "PTM") == nil)
    }

    @Test func creationPoliciesStandOnFourTypes() {
        #expect(ResourcePolicies.creation.keys.sorted() == [
            "AWS::AppStream::Fleet", "AWS::AutoScaling::AutoScalingGroup", "AWS::CloudFormation::WaitCondition", "AWS::EC2::Instance",
        ])
        #expect(ResourcePolicies.update["AWS::AutoScaling::AutoScalingGroup"]?.member("AutoScalingRollingUpdate")?.keys.contains("PauseTime") == true)
        #expect(ResourcePolicies.update["AWS::EC2::Instance"] == nil)
    }
}

@Suite struct ParameterTypesTests {
    @Test func listTypesAreListsAndSSMTypesNameParameters() {
        #expect(ParameterTypes.isKnown("AWS::EC2::VPC::Id"))
        #expect(ParameterTypes.isKnown("List<AWS::EC2::Subnet::Id>"))
        #expect(ParameterTypes.isKnown("AWS::SSM::Parameter::Value<String>"))
        #expect(ParameterTypes.isKnown("AWS::SSM::Parameter::Value<List<AWS::EC2::Subnet::Id>>"))
        #expect(!ParameterTypes.isKnown("List<AWS::EC2::KeyPair::KeyName>"))
        #expect(!ParameterTypes.isKnown("String"))
        #expect(ParameterTypes.isList("List<Number>"))
        #expect(ParameterTypes.isList("AWS::SSM::Parameter::Value<CommaDelimitedList>"))
        #expect(!ParameterTypes.isList("AWS::EC2::VPC::Id"))
        #expect(ParameterTypes.isSSMValue("AWS::SSM::Parameter::Value<List<String>>"))
        #expect(!ParameterTypes.isSSMValue("AWS::SSM::Parameter::Name"))
        #expect(ParameterTypes.all.count == 47)
    }
}
